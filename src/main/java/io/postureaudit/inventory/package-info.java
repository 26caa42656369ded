/** What scans saw: resources with content-addressed versions, and the queries over them. */
package io.postureaudit.inventory;
