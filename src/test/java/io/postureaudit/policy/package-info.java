/** Tests of io.postureaudit.policy; plain JUnit 5, no Quarkus, so they run in seconds. */
package io.postureaudit.policy;
