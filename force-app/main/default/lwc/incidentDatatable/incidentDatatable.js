import LightningDatatable from 'lightning/datatable';
import slaBandTemplate from './slaBand.html';

/**
 * lightning-datatable with one more column type, `slaBand`: the SLA band of an incident as a coloured badge.
 * Custom type templates render inside the datatable, out of reach of component CSS, so the colour travels as an
 * inline style in the type attributes.
 */
export default class IncidentDatatable extends LightningDatatable {
  static customTypes = {
    slaBand: {
      template: slaBandTemplate,
      standardCellLayout: true,
      typeAttributes: ['badgeStyle', 'title']
    }
  };
}
