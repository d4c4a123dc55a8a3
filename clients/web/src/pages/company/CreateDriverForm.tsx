import { useMutation } from '@apollo/client/react';
import { COMPANY_DRIVERS, CREATE_DRIVER } from './company-documents';
import { FormCard, useFields } from './FormCard';
import { useT } from '../../i18n';

const EMPTY = { name: '', phone: '', licenceNumber: '' };

/** Adds a driver to the company: name, phone and licence number (the app account is linked later). */
export function CreateDriverForm({ companyId }: { companyId: string }) {
  const { t } = useT('company');
  const { values: fields, bind: field, clear } = useFields(EMPTY);
  const [create, { data, loading, error, reset }] = useMutation(CREATE_DRIVER, {
    refetchQueries: [COMPANY_DRIVERS],
    awaitRefetchQueries: true,
  });

  async function submit() {
    const input = {
      companyId,
      name: fields.name.trim(),
      phone: fields.phone.trim(),
      licenceNumber: fields.licenceNumber.trim(),
    };
    const result = await create({ variables: { input } }).catch(() => undefined);
    if (result?.data) clear();
  }

  return (
    <FormCard
      title={t('drivers.add')}
      submitLabel={t('drivers.submit')}
      busyLabel={t('adding')}
      loading={loading}
      error={error}
      success={data && <>{t('drivers.added', { name: data.createDriver.name })}</>}
      onSubmit={submit}
      onEdit={() => data && reset()}
    >
      <label>
        {t('drivers.fullName')}
        <input required autoComplete="off" placeholder="Jean Bosco Habimana" {...field('name')} />
      </label>
      <label>
        {t('drivers.phone')}
        <input required type="tel" autoComplete="off" placeholder="+250788123456" {...field('phone')} />
      </label>
      <label>
        {t('drivers.licenceNumber')}
        <input required autoComplete="off" placeholder="RW-DL-123456" {...field('licenceNumber')} />
      </label>
    </FormCard>
  );
}
