/** Tests of the offline {@code analyse-policies} command, in process and through its launcher. */
package io.postureaudit.policy.cli;
