import { Region } from 'oci-common';
import { ConfigurationError } from './errors.js';

/**
 * The shape of an OCI region identifier (`us-chicago-1`, `uk-gov-london-1`, `ap-dcc-canberra-1`)
 * and of a region short code (`ord`). Checked before anything else, so that no string with
 * `@`, `/`, `#`, `?`, `:`, spaces or non-ASCII letters ever reaches a host name.
 */
const REGION_ID = /^[a-z]{2}(?:-[a-z]+)+-[0-9]{1,3}$/;
const SHORT_CODE = /^[a-z]{3}$/;
/** A realm's second-level domain: DNS labels of lower-case letters, digits and inner hyphens. */
const REALM_DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/;

/**
 * oci-common's built-in regions: its static `Region.US_CHICAGO_1`-style members. Not
 * `Region.values()`, which also holds every string oci-common's config reader registered under
 * OC1 on its own (`region=mars-north-1` in a profile becomes a "known" region there).
 */
const BUILT_IN_REGIONS: ReadonlyMap<string, Region> = new Map(
  Object.values(Region)
    .filter((value): value is Region => value instanceof Region)
    .flatMap((region) => [[region.regionId, region] as const, ...(region.regionCode ? [[region.regionCode, region] as const] : [])]),
);

/**
 * The built-in oci-common region a region id or short code names, after checking its shape.
 *
 * @param regionId The region id (`us-chicago-1`) or short code (`ord`), from any source.
 * @param source Where the value came from, for the error: `the region option`, `OCI_REGION`,
 *   `profile [DEFAULT] in /home/me/.oci/config`, `the instance metadata service`.
 * @throws {ConfigurationError} (`region`) for anything that is not a region oci-common knows,
 *   naming the value (escaped) and its source.
 * @example
 * ```ts
 * knownRegion('ord', 'OCI_REGION').regionId // 'us-chicago-1'
 * knownRegion('x@127.0.0.1:8443/#', 'profile [DEFAULT] in ~/.oci/config') // throws ConfigurationError('region')
 * ```
 */
export function knownRegion(regionId: unknown, source: string): Region {
  const id = typeof regionId === 'string' ? regionId.trim().toLowerCase() : '';
  const region = REGION_ID.test(id) || SHORT_CODE.test(id) ? BUILT_IN_REGIONS.get(id) : undefined;
  if (region === undefined) {
    const shape = typeof regionId === 'string' && !REGION_ID.test(id) && !SHORT_CODE.test(id) ? 'is not a region identifier' : 'is not a region oci-common knows';
    throw new ConfigurationError(`${JSON.stringify(typeof regionId === 'string' ? regionId.slice(0, 100) : regionId) ?? String(regionId)} from ${source} ${shape}.`, { setting: 'region', fix: 'Use a region id such as us-chicago-1 or eu-frankfurt-1 (or its short code, ord), or pass endpoint explicitly.' });
  }
  return region;
}

/**
 * The inference endpoint of a region, from oci-common's region and realm tables (so oc4, oc19
 * and newer realms get their own domains), without the `/20231130` version path. The host is
 * set through the URL API from the checked region id and realm domain, and read back: it is
 * never a string another source could bend into userinfo, a port or a path.
 *
 * @param region A region id, a short code, or an oci-common Region (checked by its id).
 * @param source Where the region came from, for the error. Default: `the region option`.
 * @throws {ConfigurationError} (`region`) when the region is not one oci-common knows.
 * @example
 * ```ts
 * inferenceEndpoint('us-chicago-1') // 'https://inference.generativeai.us-chicago-1.oci.oraclecloud.com'
 * inferenceEndpoint('uk-gov-london-1') // 'https://inference.generativeai.uk-gov-london-1.oci.oraclegovcloud.uk'
 * ```
 */
export function inferenceEndpoint(region: string | Region, source = 'the region option'): string {
  const known = knownRegion(typeof region === 'string' ? region : region.regionId, source);
  const domain = known.realm.secondLevelDomain;
  const host = `inference.generativeai.${known.regionId}.oci.${domain}`;
  const url = new URL('https://localhost');
  url.hostname = host;
  if (!REALM_DOMAIN.test(domain) || url.hostname !== host) {
    throw new ConfigurationError(`The realm of ${known.regionId} names the domain ${JSON.stringify(domain)}, which is not a host name.`, { setting: 'region', fix: 'Pass endpoint explicitly.' });
  }
  return url.origin;
}
