import { VENDOR_SPECS } from '../../src/guardrails/vendors/vendor-specs';
import { PROVIDER_FIELDS } from '../../ui/src/views/guardrails/provider-fields';

describe('vendor form fields come from the vendor parameter specs', () => {
  it.each(Object.keys(VENDOR_SPECS) as Array<keyof typeof VENDOR_SPECS>)(
    '%s shows every visible param of its spec',
    (kind) => {
      const visible = VENDOR_SPECS[kind].params.filter((param) => !param.hidden).map((param) => param.key);
      expect(PROVIDER_FIELDS[kind].map((field) => field.key)).toEqual(visible);
    },
  );

  it('makes secrets write-only fields, mappings JSON, choices selects and URL params URL inputs', () => {
    const fields = Object.fromEntries(PROVIDER_FIELDS.generic_guardrail_api.map((field) => [field.key, field]));
    expect(fields.api_base).toMatchObject({ kind: 'url', required: true });
    expect(fields.api_base.hint).toContain('$GENERIC_GUARDRAIL_API_BASE');
    expect(fields.api_key).toMatchObject({ kind: 'secret' });
    expect(fields.additional_provider_specific_params).toMatchObject({ kind: 'json' });
    const moderation = Object.fromEntries(PROVIDER_FIELDS['azure/text_moderations'].map((field) => [field.key, field]));
    expect(moderation.outputType).toMatchObject({
      kind: 'choice',
      options: ['FourSeverityLevels', 'EightSeverityLevels'],
    });
    expect(moderation.categories).toMatchObject({
      kind: 'choices',
      options: ['Hate', 'SelfHarm', 'Sexual', 'Violence'],
    });
    expect(moderation.severity_threshold).toMatchObject({ kind: 'number', min: '0', max: '7', step: '1' });
  });

  it('keeps the fields the existing vendors showed before', () => {
    expect(PROVIDER_FIELDS.lakera_v2.map((field) => field.key)).toEqual([
      'api_key',
      'api_base',
      'project_id',
      'mask_pii',
    ]);
    expect(PROVIDER_FIELDS.bedrock.map((field) => field.key)).toEqual([
      'guardrailIdentifier',
      'guardrailVersion',
      'aws_region_name',
    ]);
  });
});
