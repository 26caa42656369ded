/** Reading AWS: the collector contract, per-account sessions and clients, gaps. The only code that imports the AWS SDK. */
package io.postureaudit.collect;
