/** Fills the {@code actor} of each change record from CloudTrail: who made the change the scans saw. */
package io.postureaudit.attribution;
