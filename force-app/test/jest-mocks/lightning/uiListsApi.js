// Central mock of lightning/uiListsApi. The stub shipped with @salesforce/sfdx-lwc-jest lacks getListRecordsByName,
// which the Maintenance Cockpit reads its list views with. Each export is an LDS test wire adapter, so tests drive it
// with emit()/error() and read getLastConfig().
import { createLdsTestWireAdapter } from '@salesforce/wire-service-jest-util';

export const getListRecordsByName = createLdsTestWireAdapter(jest.fn());
export const getListInfoByName = createLdsTestWireAdapter(jest.fn());
export const getListInfosByName = createLdsTestWireAdapter(jest.fn());
