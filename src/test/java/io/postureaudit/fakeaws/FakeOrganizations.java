package io.postureaudit.fakeaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Organizations over JSON 1.1 ({@code AWSOrganizationsV20161128.*}): ListAccounts with NextToken pages. */
public final class FakeOrganizations extends FakeJsonService {

    public final List<ObjectNode> accounts = new CopyOnWriteArrayList<>();

    public FakeOrganizations() {
        super("organizations", "AWSOrganizationsV20161128");
    }

    public void account(String id, String name, String status) {
        accounts.add(JSON.createObjectNode().put("Id", id).put("Name", name).put("Status", status)
                .put("Email", name + "@example.com").put("Arn", "arn:aws:organizations::000000000000:account/o-x/" + id)
                .put("JoinedMethod", "CREATED").put("JoinedTimestamp", 1700000000.0));
    }

    @Override
    protected Object answer(String operation, JsonNode body, FakeRequest request) {
        if (!operation.equals("ListAccounts")) {
            throw unknown(operation);
        }
        return paged(List.copyOf(accounts), body, "NextToken", "MaxResults", "Accounts");
    }
}
