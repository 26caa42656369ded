/** WAFv2 collection: web ACLs with rules, logging and associations; rule groups; IP sets. */
package io.postureaudit.collect.waf;
