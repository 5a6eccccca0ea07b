/**
 * The programme's minimums for passing an inspection. PRODUCT.md names "high-speed internet" and
 * "UPS/backup power" without figures, so they are settings (one place, one line, one test) with
 * these defaults until the programme publishes its own.
 */
export const INSPECTION_SETTINGS = {
  /** Measured download speed a centre needs to pass, Mbps. */
  minInternetMbps: 20,
  /** How long the backup power must have lasted in the test, minutes (when the time was recorded). */
  minBackupPowerMinutes: 60,
} as const;
