import { MantineProvider } from '@mantine/core';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { BackgroundErrorNotice } from '../components/background-error-notice';
import { cssVariablesResolver, theme } from './theme';

type Props = {
  queryClient: QueryClient;
  children: ReactNode;
  /** 'test' turns off transitions and portals so tests see what users see at once. */
  env?: 'default' | 'test';
};

export function AppProviders({ queryClient, children, env = 'default' }: Props) {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto" env={env}>
      <BackgroundErrorNotice />
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}
