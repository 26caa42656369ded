/** GuardDuty collection: detectors (or their absence), filters, administrator/members and open findings. */
package io.postureaudit.collect.guardduty;
