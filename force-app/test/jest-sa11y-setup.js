// Registers @sa11y/jest's toBeAccessible() matcher for every component test.
import { registerSa11yMatcher } from '@sa11y/jest';

registerSa11yMatcher();
