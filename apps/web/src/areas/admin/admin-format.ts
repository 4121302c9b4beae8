import { DURATION_UNIT_LABELS, type Duration } from '@partyflow/domain';

/** Vietnamese numbers (issue 10): '.' groups thousands, ',' is the decimal mark. */
const INTEGER_VI = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const ONE_DECIMAL_VI = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
export const integerVi = (n: number): string => INTEGER_VI.format(n);
export const oneDecimalVi = (n: number): string => ONE_DECIMAL_VI.format(n);

/** "đã kết nạp 622/540 (115,2%)", or without a quota "đã kết nạp 12 (chưa giao chỉ tiêu)". */
export function quotaSummaryVi({
  admitted,
  quota,
  percent,
}: {
  admitted: number;
  quota: number | null;
  percent: number | null;
}) {
  if (quota === null) return `đã kết nạp ${integerVi(admitted)} (chưa giao chỉ tiêu)`;
  return `đã kết nạp ${integerVi(admitted)}/${integerVi(quota)}${percent === null ? '' : ` (${oneDecimalVi(percent)}%)`}`;
}

/** "10 ngày làm việc". */
export const durationVi = (d: Duration): string => `${integerVi(d.amount)} ${DURATION_UNIT_LABELS[d.unit].vi}`;

/** The file name the API gives (RFC 6266: filename* first, else filename). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const star = disposition?.match(/filename\*=UTF-8''([^;]+)/i);
  if (star) return decodeURIComponent(star[1]);
  const plain = disposition?.match(/filename="([^"]+)"/i);
  return plain ? plain[1] : fallback;
}
