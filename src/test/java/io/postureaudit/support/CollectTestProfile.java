package io.postureaudit.support;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Runs the collection and import tests in their own application and database, so that the resources and
 * findings they add never change what other end-to-end tests count.
 */
public class CollectTestProfile implements QuarkusTestProfile {
}
