import { RemoveScroll } from 'react-remove-scroll';
import { describe, expect, it } from 'vitest';
import { RemoveScroll as narrowed } from '../web/src/vendor/removeScrollClassNames.js';

describe('the web bundle’s narrowed imports', () => {
  it('gives the AppShell the same class names the dialogs’ scroll lock pads', () => {
    expect(narrowed.classNames).toEqual({
      zeroRight: RemoveScroll.classNames.zeroRight,
      fullWidth: RemoveScroll.classNames.fullWidth,
    });
  });
});
