import { B, cross, E, gap, MODE_NAME, rx, type InjectionSignal } from './injection-rule-parts';

/** Persona jailbreaks by their trappings: response tags and prefixes, named modes, DAN and its kin. */
export const PERSONA_MODE_SIGNALS: readonly InjectionSignal[] = [
  {
    id: 'persona.response_tags',
    weight: 0.5,
    triggers: ['🔓', '🔒', '[classic]', '[jailbreak]', '[jailbroken]', '[gpt]', '[chatgpt]', '[normal]', '[filtered]'],
    pattern: rx(
      `🔓|🔒 ?classic|\\[classic\\]|\\[jailbreak\\]|\\[jailbroken\\]|\\[(?:gpt|chatgpt|normal|filtered)\\][^\\n]{0,200}\\[[^\\]\\n]{1,20}\\]`,
    ),
  },
  {
    id: 'persona.response_prefix',
    weight: 0.4,
    triggers: [
      ...cross(['start', 'begin', 'prefix', 'precede', 'preface', 'open', 'end'], ['', 'ing'], ' '),
      ...cross(
        ['response ', 'responses ', 'answer ', 'answers ', 'replies ', 'output ', 'outputs '],
        ['should ', 'must ', 'will '],
      ),
      'respond in ',
      'respond only in ',
      'in this format',
      'use this format',
      ...cross(['respond', 'answer', 'reply', 'speak', 'talk', 'write', 'act'], ' ', [
        'only ',
        'always ',
        'exclusively ',
        'as ',
        'like ',
      ]),
      ...cross(['prefix', 'tag'], ['', ' '], '='),
    ],
    pattern: rx(
      `${B}(?:(?:start|begin|prefix|precede|preface|open|end)(?:ing)? (?:all |each |every |your |all of your |each of your )*(?:responses?|answers?|replies|reply|messages?|outputs?|sentences?)|(?:responses?|answers?|replies|outputs?) (?:should|must|will) (?:always )?(?:start|begin) with|respond (?:only )?in (?:the )?following format|(?:in|use) this format|(?:respond|answer|reply|speak|talk|write|act) (?:only |always |exclusively )?(?:as|like) (?:\\p{Lu}[\\p{L}\\p{N}]+|\\[)|(?:prefix|tag)\\s?=)`,
    ),
  },
  {
    id: 'persona.simulated_mode',
    weight: 1,
    triggers: [
      'developermode',
      'developer mode',
      'dev mode',
      'developer_mode',
      'godmode',
      'god mode',
      'jailbreakmode',
      'jailbreak mode',
      'jailbroken mode',
      'dan mode',
      'dude mode',
      'evil mode',
      'evil confidant',
      'evil bot',
      'sudo mode',
      'unrestricted mode',
      ...cross('no', ['', '-', ' '], 'restrictions mode'),
      'opposite mode',
      'anarchy mode',
      'chaos mode',
      'amoral mode',
      'uncensored mode',
    ],
    pattern: rx(
      `${B}(?:developer ?mode|dev mode|developer_mode|god ?mode|jailbreak ?mode|jailbroken mode|dan mode|dude mode|evil (?:mode|confidant|bot)|sudo mode|unrestricted mode|no[- ]?restrictions mode|opposite mode|anarchy mode|chaos mode|amoral mode|uncensored mode)${E}${gap(40)}${B}(?:enabled|activated|on|enable|activate|mode|output|response|responses|policies|simulat\\w*|turned on)${E}`,
    ),
  },
  {
    id: 'persona.mode_switch',
    weight: 0.5,
    triggers: [
      ...cross(
        ['enable', 'activate', 'enter', 'switch to', 'switch into', 'turn on', 'unlock', 'engage'],
        ['', 'd'],
        ' ',
      ),
      ...cross(['you are', "you're", 'now'], ' in '),
      ' mode ',
    ],
    pattern: rx(
      // "X mode enabled" matches from " mode", with the name checked behind it: a match starting at the name could
      // start at any letter, where no trigger can point.
      `${B}(?:(?:enable|activate|enter|switch (?:to|into)|turn on|unlock|engage)(?:d)? (?:the )?${MODE_NAME} mode|(?:you are|you're|now) in ${MODE_NAME} mode)${E}| mode(?<=${B}${MODE_NAME} mode) (?:enabled|activated|engaged|unlocked|is on)${E}`,
    ),
  },
  {
    id: 'persona.dan',
    weight: 1,
    triggers: ['dan', 'd.a.n', 'do anything now', 'stand for ', 'stands for '],
    pattern:
      /(?<![\p{L}\p{N}])(?:DAN|D\.A\.N)(?![\p{L}\p{N}])[^.!?\n]{0,120}(?:do anything now|stands? for|jailbr|no (?:rules|restrictions|limits|filters)|anything now)|(?:do anything now|stands? for ["']?do anything)/iu,
  },
  {
    id: 'persona.dan_name',
    weight: 0.5,
    triggers: [
      'dan',
      'stan',
      'dude',
      'aim',
      'ucar',
      'betterdan',
      'apophis',
      'bish',
      'maximum',
      'kevin',
      'antigpt',
      'devmode',
    ],
    pattern:
      /(?<![\p{L}\p{N}])(?:DAN|STAN|DUDE|AIM|UCAR|BetterDAN|APOPHIS|BISH|Maximum|KEVIN|AntiGPT|DevMode)(?![\p{L}\p{N}])/u,
  },
  {
    id: 'persona.jailbreak_self_reference',
    weight: 0.7,
    triggers: [
      ...cross('you ', ['are ', 'have been ', 'were ', 'will be ', "'ve been ", "'re "]),
      'jailbroken',
      'jail broken',
      ...cross(['this ', 'a ', 'the '], 'jailbreak '),
      'jailbreak ',
      'jailbreaking ',
    ],
    pattern: rx(
      `${B}(?:you (?:are|have been|were|will be|are now|'ve been|'re) (?:now )?(?:jail ?broken|freed|liberated|unleashed|unshackled|unchained|free)|jail ?broken${E}|(?:this|a|the) jailbreak (?:prompt|is|has|works)|jailbreak(?:ing)? (?:chat ?gpt|gpt|the ai|you|yourself|openai|the model|bard|bing|claude))`,
    ),
  },
];
