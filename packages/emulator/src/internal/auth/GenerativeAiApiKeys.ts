import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The emulator's OCI Generative AI API keys. A key names its region and carries an HMAC of it
 * under a secret made at start, so the emulator can tell a key of its own region from a key of
 * another region (OCI answers 401 to a key used outside the region it was created in) and from
 * a made-up one, without keeping a list.
 *
 * @example
 * const keys = new GenerativeAiApiKeys('us-chicago-1');
 * keys.regionOf(keys.issue('eu-frankfurt-1')); // 'eu-frankfurt-1'
 * keys.regionOf('sk-made-up'); // undefined
 */
export class GenerativeAiApiKeys {
  private readonly secret = randomBytes(32);

  constructor(readonly region: string) {}

  /** A key valid in `region`. */
  issue(region: string): string {
    return `sk-emulator-${region}-${this.mac(region)}`;
  }

  /** The region a key was issued for, or undefined when the emulator did not issue it. */
  regionOf(key: string): string | undefined {
    const match = /^sk-emulator-([a-z0-9-]+)-([0-9a-f]{48})$/.exec(key);
    if (match === null) return undefined;
    const [, region, mac] = match as unknown as [string, string, string];
    const expected = Buffer.from(this.mac(region));
    return timingSafeEqual(Buffer.from(mac), expected) ? region : undefined;
  }

  private mac(region: string): string {
    return createHmac('sha256', this.secret).update(region).digest('hex').slice(0, 48);
  }
}
