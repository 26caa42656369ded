/** Tests of change detection, field diffs and the semantic IAM diff. */
package io.postureaudit.drift;
