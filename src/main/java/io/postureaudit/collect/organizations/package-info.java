/** AWS Organizations discovery of the accounts to scan. */
package io.postureaudit.collect.organizations;
