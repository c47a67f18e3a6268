import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { desk } from '../api/operations';

export const useProducts = () => useQuery({ queryKey: ['products'], queryFn: () => desk.listProducts() });

/** The product a record is about (an instance, a license, a release, a documentation page). */
export function ProductSelect({
  value,
  onChange,
  error,
}: {
  value: string | null;
  onChange: (productId: string | null) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const products = useProducts();
  return (
    <Select
      label={t('customers.product')}
      required
      data={(products.data ?? []).map((product) => ({ value: product.id, label: product.name }))}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}
