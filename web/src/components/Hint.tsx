import { cloneElement, lazy, type ReactElement, Suspense, useState } from 'react';

const Tooltip = lazy(async () => ({ default: (await import('./HintTooltip')).Tooltip }));

/**
 * A short explanation shown while the pointer or the keyboard is on its element. The tooltip's code
 * (the floating placement engine, the page's largest library after React) is fetched the first time
 * someone reaches for one, so a page of badges and countdowns does not carry it from the start.
 */
export function Hint({
  label,
  children,
}: {
  label: string;
  // biome-ignore lint/suspicious/noExplicitAny: any element takes the pointer and focus handlers
  children: ReactElement<any>;
}) {
  const [reached, setReached] = useState(false);
  const [shown, setShown] = useState(false);
  const show = () => {
    setReached(true);
    setShown(true);
  };
  const hide = () => setShown(false);
  const target = cloneElement(children, {
    onPointerEnter: show,
    onPointerLeave: hide,
    onFocus: show,
    onBlur: hide,
  });
  if (!reached) return target;
  return (
    <Suspense fallback={target}>
      <Tooltip label={label} opened={shown}>
        {target}
      </Tooltip>
    </Suspense>
  );
}
