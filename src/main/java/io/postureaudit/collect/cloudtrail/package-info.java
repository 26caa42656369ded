/** Reads AWS CloudTrail's event history to say who made a change the scans saw (read-only LookupEvents). */
package io.postureaudit.collect.cloudtrail;
