/** The REST API under /api and the server-rendered pages; thin resources over the services. */
package io.postureaudit.web;
