/** Mantine's tooltip on its own, for the Hint to fetch when first wanted. */
export { Tooltip } from '@mantine/core';
