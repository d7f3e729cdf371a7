import { EndpointBuilder, Region } from 'oci-common';
import { ConfigurationError } from './errors.js';

/** OCI's endpoint template for the Generative AI inference service. */
const INFERENCE_TEMPLATE = 'https://inference.generativeai.{region}.oci.{secondLevelDomain}';

/**
 * The inference endpoint of a region, derived through oci-common's region and realm tables
 * (so oc4, oc19 and newer realms get their own domains), without the `/20231130` version path.
 *
 * @throws {ConfigurationError} when oci-common does not know the region.
 * @example
 * ```ts
 * inferenceEndpoint('us-chicago-1') // 'https://inference.generativeai.us-chicago-1.oci.oraclecloud.com'
 * inferenceEndpoint('uk-gov-london-1') // 'https://inference.generativeai.uk-gov-london-1.oci.oraclegovcloud.uk'
 * ```
 */
export function inferenceEndpoint(region: string | Region): string {
  const known = typeof region === 'string' ? knownRegion(region) : region;
  return EndpointBuilder.createEndpointFromRegion(INFERENCE_TEMPLATE, known);
}

function knownRegion(regionId: string): Region {
  const id = regionId.trim();
  let region: Region | undefined;
  try {
    region = Region.fromRegionId(id) ?? Region.fromRegionId(Region.getRegionIdFromShortCode(id));
  } catch {
    region = undefined;
  }
  if (region === undefined) {
    throw new ConfigurationError(
      `"${regionId}" is not a region oci-common knows.`,
      { setting: 'region', fix: 'Use a region id such as us-chicago-1 or eu-frankfurt-1, or pass endpoint explicitly.' },
    );
  }
  return region;
}
