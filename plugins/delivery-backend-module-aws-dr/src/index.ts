/**
 * Delivery DR providers for AWS.
 *
 * @packageDocumentation
 */
export {};
