/** Black-box tests of the packaged jar, run by failsafe after packaging. */
package io.postureaudit.it;
