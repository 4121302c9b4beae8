/**
 * Admission quotas (chỉ tiêu kết nạp) are passed down yearly to grassroots organisations and
 * cells; progress is the number admitted against the quota [seed:003] (e.g. Hoàng Mai admitted
 * 622 against a target of 540).
 */
export type QuotaProgress = {
  admitted: number;
  quota: number | null;
  /** Admitted as a percentage of the quota, one decimal; null when no quota (or a zero quota) was set. */
  percent: number | null;
  /** e.g. "đã kết nạp 622/540 (115,2%)". */
  summaryVi: string;
};

/** A percentage with one decimal, rounded half up; null when the denominator is zero. */
export function percentOneDecimal({ part, whole }: { part: number; whole: number }): number | null {
  if (whole <= 0) return null;
  // Integer arithmetic first, so 622/540 gives 115.2 and not a binary-float neighbour.
  return Math.round((part * 1000) / whole) / 10;
}

/** Vietnamese number formatting: '.' groups thousands, ',' is the decimal mark. */
export function formatNumberVi(value: number, decimals = 0): string {
  const [int, frac] = Math.abs(value).toFixed(decimals).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${value < 0 ? '-' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}

export function quotaProgress({ admitted, quota }: { admitted: number; quota: number | null }): QuotaProgress {
  const percent = quota === null ? null : percentOneDecimal({ part: admitted, whole: quota });
  const summaryVi =
    quota === null
      ? `đã kết nạp ${formatNumberVi(admitted)} (chưa giao chỉ tiêu)`
      : `đã kết nạp ${formatNumberVi(admitted)}/${formatNumberVi(quota)}${percent === null ? '' : ` (${formatNumberVi(percent, 1)}%)`}`;
  return { admitted, quota, percent, summaryVi };
}
