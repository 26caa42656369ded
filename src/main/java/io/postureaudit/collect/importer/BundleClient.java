package io.postureaudit.collect.importer;

/**
 * What every bundle-backed SDK client shares: the bundle's outputs for its service and region, a service name,
 * nothing to close. Operations a client does not override throw UnsupportedOperationException (the SDK's own
 * default), which the importer records as a gap: a call a collector makes that no bundle key answers yet.
 */
abstract class BundleClient {

    final BundleCalls calls;
    private final String serviceName;

    BundleClient(Bundle bundle, String bundleService, String region, String serviceName) {
        this.calls = new BundleCalls(bundle, bundleService, region);
        this.serviceName = serviceName;
    }

    public final String serviceName() {
        return serviceName;
    }

    public final void close() {
        // nothing open: the bundle is in memory
    }
}
