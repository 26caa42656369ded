/** A local AWS speaking the real wire protocols, so the real SDK clients are exercised. */
package io.postureaudit.fakeaws;
