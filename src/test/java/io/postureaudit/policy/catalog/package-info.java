/** Tests of io.postureaudit.policy.catalog; plain JUnit 5, no Quarkus, so they run in seconds. */
package io.postureaudit.policy.catalog;
