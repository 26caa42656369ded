/** Least-privilege analysis in the service: run per scan over every account, stored for trends, read by the API. */
package io.postureaudit.principals;
