/** Text and options shared by the rules and protocols commands. */

export const FORMATS = ['table', 'json'] as const;

export const SETTINGS_HELP =
  'clinic settings JSON {"<parameter id>": value} with only the clinic\'s overrides; other parameters take their REFERENCE.md default (ids: ketapath rules list)';

export const EXIT_CODE_HELP = `
Exit codes:
  0  the evaluation completed, whatever its answer: a clinical "no" is a result, not an error (read status or
     verdict, and the findings)
  2  bad input: one line naming the flag, or the file and the field
  1  anything else`;
