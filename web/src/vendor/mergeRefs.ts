import { useMergedRef } from '@mantine/hooks';
import type { Ref } from 'react';

/**
 * What Mantine's scroll area takes from the floating placement library: one ref fed to several.
 * Given from Mantine's own hooks instead (see web/narrowImports.ts), so that a page with
 * a table does not download the whole placement library for this one function.
 */
export function useMergeRefs<T>(refs: ReadonlyArray<Ref<T> | undefined>) {
  return useMergedRef<T>(...refs);
}
