import { alt, B, E, rx, type InjectionSignal } from './injection-rule-parts';

/** Non-English "ignore previous instructions", one signal per language. */
export const MULTILINGUAL_SIGNALS: readonly InjectionSignal[] = [
  {
    id: 'multilingual.ignore_previous.es',
    weight: 1,
    triggers: ['ignor', 'olvid', 'descart', 'omit'],
    pattern: rx(
      alt([
        `${B}(?:ignora|ignore|ignorad|ignoren|olvida|olvide|olvidad|descarta|omite)r?${E}(?: (?:todas?|todo|cualquier))?(?: (?:las|los|tus|sus))? (?:instrucciones|indicaciones|órdenes|reglas|directrices)(?: (?:anteriores|previas|que (?:te|le) (?:dieron|di)))?`,
        `${B}(?:ignora|olvida)r? (?:todo )?lo (?:anterior|que (?:te )?(?:dije|dijeron))`,
      ]),
    ),
  },
  {
    id: 'multilingual.ignore_previous.fr',
    weight: 1,
    triggers: ['ignor', 'oubli', 'ne tiens pas compte'],
    pattern: rx(
      alt([
        `${B}(?:ignore[rz]?|oublie[rz]?|ne tiens pas compte)${E}(?: de)?(?: (?:toutes?|tous))?(?: (?:les|tes|vos|des))? (?:instructions|consignes|règles|directives|ordres)(?: (?:précédentes|antérieures|ci-dessus|données))?`,
        `${B}(?:ignore[rz]?|oublie[rz]?) tout ce qui (?:précède|a été dit)`,
      ]),
    ),
  },
  {
    id: 'multilingual.ignore_previous.de',
    weight: 1,
    triggers: ['ignorier', 'vergiss', 'vergessen sie', 'missacht'],
    pattern: rx(
      alt([
        `${B}(?:ignorier(?:e|en|t)?|vergiss|vergessen sie|missachte)${E}(?: (?:alle|sämtliche|die|deine|ihre)){0,3}(?: (?:vorherigen|bisherigen|obigen|vorangegangenen|früheren|vorigen))? (?:anweisungen|instruktionen|befehle|regeln|vorgaben|richtlinien)`,
        `${B}vergiss (?:alles|alle)${E}`,
      ]),
    ),
  },
  {
    id: 'multilingual.ignore_previous.pt',
    weight: 1,
    triggers: ['ignor', 'esqueç', 'esquece', 'desconsider'],
    pattern: rx(
      `${B}(?:ignore|ignora|ignorar|esqueça|esquece|desconsidere)${E}(?: (?:todas?|todos))?(?: (?:as|os|suas|tuas))? (?:instruções|instrucoes|orientações|regras|diretrizes|ordens)(?: (?:anteriores|prévias|acima))?`,
    ),
  },
  {
    id: 'multilingual.ignore_previous.it',
    weight: 1,
    triggers: ['ignor', 'dimentic', 'trascur'],
    pattern: rx(
      `${B}(?:ignora|ignorate|ignori|dimentica|dimenticate|trascura)${E}(?: (?:tutte|tutti))?(?: (?:le|i|gli|tue))? (?:istruzioni|indicazioni|regole|direttive|ordini)(?: (?:precedenti|di prima|sopra))?`,
    ),
  },
  {
    id: 'multilingual.ignore_previous.ru',
    weight: 1,
    triggers: ['игнорир', 'проигнорир', 'забуд', 'не обращай'],
    pattern: rx(
      alt([
        `${B}(?:игнорируй(?:те)?|проигнорируй(?:те)?|забудь(?:те)?|не обращай(?:те)? внимания на)${E}(?: (?:все|всё|любые))?(?: (?:предыдущие|прежние|предшествующие|прошлые|данные|свои))? (?:инструкции|указания|правила|команды|распоряжения|установки)`,
        `${B}забудь(?:те)? (?:всё|все)${E}`,
      ]),
    ),
  },
  {
    id: 'multilingual.ignore_previous.zh',
    weight: 1,
    triggers: ['忽略', '无视', '無視', '忽视', '忽視', '忘记', '忘記', '不要理会', '不要理會', '跳过'],
    pattern: rx(
      `(?:忽略|无视|無視|忽视|忽視|忘记|忘記|不要理会|不要理會|跳过)(?:掉)?(?:你)?(?:之前|以前|先前|上面|上述|以上|前面|此前|所有|全部|一切)(?:的)?(?:所有|全部|一切)?(?:的)?(?:指令|指示|说明|說明|规则|規則|命令|提示|设定|設定|要求|内容|內容)`,
    ),
  },
  {
    id: 'multilingual.ignore_previous.ja',
    weight: 1,
    triggers: ['以前の', '前の', '上記の', 'これまでの'],
    alsoTriggers: ['無視', '忘れ'],
    pattern: rx(`(?:以前|前|上記|これまで)の(?:指示|命令|ルール|指令)(?:は|を)?(?:すべて|全て)?(?:無視|忘れ)`),
  },
  {
    id: 'multilingual.ignore_previous.ko',
    weight: 1,
    triggers: ['이전 ', '앞의 ', '위의 ', '모든 '],
    alsoTriggers: ['무시', '잊어'],
    pattern: rx(`(?:이전|앞의|위의|모든) (?:지시|명령|지침|규칙)(?:을|를|은|는)? ?(?:모두 )?(?:무시|잊어)`),
  },
];
