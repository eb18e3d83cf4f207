/**
 * {@code {base}/api/collections/{name}/records}. Decision: ETags are strong and change with every
 * write; {@code If-Match} is honoured by PUT, PATCH and DELETE (412), {@code If-None-Match} by GET
 * (304).
 */
package dev.backpack.core.records.boundary;
