/**
 * "1 service", "3 services": a caption reads wrong with "1 services", and a team of one
 * service is common in a filtered overview.
 */
export const serviceCount = (count: number) =>
  `${count} ${count === 1 ? 'service' : 'services'}`;
