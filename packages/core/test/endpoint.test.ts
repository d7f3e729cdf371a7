import { describe, expect, it } from 'vitest';
import { ConfigurationError, inferenceEndpoint } from '../src/index.js';

describe('inferenceEndpoint', () => {
  it.each([
    ['us-chicago-1', 'https://inference.generativeai.us-chicago-1.oci.oraclecloud.com'],
    ['eu-frankfurt-1', 'https://inference.generativeai.eu-frankfurt-1.oci.oraclecloud.com'],
    ['uk-gov-london-1', 'https://inference.generativeai.uk-gov-london-1.oci.oraclegovcloud.uk'],
    ['eu-frankfurt-2', 'https://inference.generativeai.eu-frankfurt-2.oci.oraclecloud.eu'],
  ])('derives the endpoint of %s from its realm', (region, endpoint) => {
    expect(inferenceEndpoint(region)).toBe(endpoint);
  });

  it('rejects a region oci-common does not know with a ConfigurationError naming the setting', () => {
    expect(() => inferenceEndpoint('eu-mars-1')).toThrow(ConfigurationError);
    expect(() => inferenceEndpoint('eu-mars-1')).toThrow(/^region: "eu-mars-1" from the region option is not a region oci-common knows/);
    expect(() => inferenceEndpoint('mars-north-1')).toThrow(/^region: "mars-north-1" from the region option is not a region identifier/);
  });
});
