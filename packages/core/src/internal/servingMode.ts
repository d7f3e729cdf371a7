import { isDedicatedEndpoint } from '../modelFamily.js';

/** The OCI `servingMode` for a model id or a dedicated endpoint OCID. */
export function servingMode(model: string): Record<string, string> {
  return isDedicatedEndpoint(model)
    ? { servingType: 'DEDICATED', endpointId: model }
    : { servingType: 'ON_DEMAND', modelId: model };
}
