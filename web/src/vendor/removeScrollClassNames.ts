/**
 * What Mantine's AppShell header, footer and aside take from react-remove-scroll: the class names a
 * dialog's scroll lock pads, not the lock itself. Given here instead (see web/narrowImports.ts), so
 * the header of every page does not carry the scroll lock's code; test/narrowImports.test.ts holds
 * them equal to the library's.
 */
export const RemoveScroll = {
  classNames: { zeroRight: 'right-scroll-bar-position', fullWidth: 'width-before-scroll-bar' },
};
