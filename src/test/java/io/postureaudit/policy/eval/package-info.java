/** Tests of io.postureaudit.policy.eval; plain JUnit 5, no Quarkus, so they run in seconds. */
package io.postureaudit.policy.eval;
