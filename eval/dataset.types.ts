export interface GoldSpan {
  start: number;
  end: number;
  type: string;
}

export interface PiiRow {
  text: string;
  spans: GoldSpan[];
  source: string;
  id?: string;
  template_id?: number;
}

export interface InjectionRow {
  text: string;
  label: 'injection' | 'benign';
  source: string;
  category?: string;
  also_in_inthewild?: boolean;
  id?: string;
}
