/** IAM policy grammar as immutable records, and the parser that builds them and names the path of any bad element. */
package io.postureaudit.policy.model;
