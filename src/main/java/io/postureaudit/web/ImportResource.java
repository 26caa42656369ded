package io.postureaudit.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postureaudit.collect.SdkJson;
import io.postureaudit.collect.importer.BundleImporter;
import io.postureaudit.config.PostureConfig;
import io.postureaudit.inventory.ForeignAccounts;
import io.postureaudit.scan.ScanService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Offline scans: one account's AWS CLI outputs as a JSON bundle (docs/import-format.md), as the request body or as
 * the {@code bundle} part of a multipart upload. The answer names the scan and the keys nothing understood.
 */
@Path("/api/imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final BundleImporter importer;
    private final ScanService scans;
    private final PostureConfig config;

    public ImportResource(BundleImporter importer, ScanService scans, PostureConfig config) {
        this.importer = importer;
        this.scans = scans;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response importJson(@QueryParam("account") String account, @QueryParam("name") String name,
            @QueryParam("replaceLive") boolean replaceLive, JsonNode bundle) {
        return start(account, name, replaceLive, bundle);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Roles.ADMIN)
    public Response importUpload(@QueryParam("account") String account, @QueryParam("name") String name,
            @QueryParam("replaceLive") boolean replaceLive, @RestForm("bundle") FileUpload bundle) {
        if (bundle == null) {
            throw new BadInputException("multipart import: expected a file part named \"bundle\", found none");
        }
        try {
            return start(account, name, replaceLive, JSON.readTree(Files.readAllBytes(bundle.uploadedFile())));
        } catch (IOException e) {
            throw new BadInputException("multipart import: the \"bundle\" part is not JSON: " + e.getMessage());
        }
    }

    private Response start(String account, String name, boolean replaceLive, JsonNode bundle) {
        if (account == null || !account.matches("\\d{12}")) {
            throw new BadInputException("account: expected a 12-digit AWS account id, found '" + account + "'");
        }
        // An import replaces the account's inventory and resolves what it no longer shows: for an account that is
        // scanned live, that must be what the caller meant, not what a stray upload did.
        if (!replaceLive && config.accounts().stream().anyMatch(a -> a.id().equals(account))) {
            return ErrorMappers.error(Response.Status.CONFLICT, "account " + account + " is configured for live "
                    + "scans; an import would replace its live data and resolve its findings. Add replaceLive=true "
                    + "to the query to do so anyway");
        }
        if (bundle == null) {
            throw new BadInputException("import body: expected a JSON object keyed \"service:Operation"
                    + "[@region]\", found nothing");
        }
        BundleImporter.Imported imported;
        try {
            imported = importer.read(account, name, bundle, config.aws().regions());
        } catch (SdkJson.ShapeException e) {
            throw new BadInputException("import body: " + e.getMessage());
        }
        long id = scans.startCollected("import", List.of(imported.collected()), false);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scanId", id);
        body.put("unknownKeys", imported.unknownKeys());
        body.put("gaps", imported.collected().gaps().size());
        body.put("foreignAccounts", ForeignAccounts.count(account, imported.collected().resources()));
        return Response.accepted(body).build();
    }
}
