/** Tests of change attribution from CloudTrail through real scans. */
package io.postureaudit.attribution;
