import { ConfigProvider } from 'antd';
import type { ReactNode } from 'react';

const READABLE = 'rgba(0, 0, 0, 0.66)';
/** The master-data pages' theme: links, secondary text, labels, placeholders and danger buttons at AA contrast. */
export function MdTheme({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider
      theme={{
        token: {
          colorError: '#c41d2a',
          colorLink: '#0958d9',
          colorTextTertiary: READABLE,
          colorTextDescription: READABLE,
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
        },
        components: { Descriptions: { labelColor: READABLE } },
      }}
    >
      {children}
    </ConfigProvider>
  );
}
