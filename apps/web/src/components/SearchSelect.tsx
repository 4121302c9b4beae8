import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState, type CSSProperties } from 'react';

export type SearchOption = { value: string; label: string };

/**
 * A choice among records the API searches as the user types (members, users): `search` answers the options for what
 * is typed; with `minChars`, nothing is asked until that many characters are typed.
 */
export function SearchSelect({
  value,
  onChange,
  id,
  queryKey,
  search,
  placeholder,
  minChars = 0,
  style,
  known,
}: {
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
  queryKey: readonly unknown[];
  search: (q: string) => Promise<SearchOption[]>;
  placeholder: string;
  minChars?: number;
  style?: CSSProperties;
  /** The option of a value given beforehand (from a link), shown until a search finds it. */
  known?: SearchOption;
}) {
  const [q, setQ] = useState('');
  const short = q.trim().length < minChars;
  const options = useQuery({ queryKey: [...queryKey, q], enabled: !short, queryFn: () => search(q) });
  return (
    <Select
      id={id}
      showSearch
      value={value}
      onChange={onChange}
      filterOption={false}
      onSearch={setQ}
      loading={options.isFetching}
      placeholder={placeholder}
      notFoundContent={short ? 'Gõ họ tên để tìm' : options.isFetching ? 'Đang tìm…' : 'Không tìm thấy'}
      options={[
        ...(known && !options.data?.some((o) => o.value === known.value) ? [known] : []),
        ...(options.data ?? []),
      ]}
      style={style}
    />
  );
}
