/** Benchmarks of the policy engine; compiled only under the Maven profile {@code bench}, never run as tests. */
package io.postureaudit.policy.bench;
