/**
 * Words for generated incidents and projects, in French and English. Faker has names, companies and cities, but no
 * maintenance vocabulary; these lists give the demo incidents that read like a real TMA backlog.
 */
import type { RecipeLocale } from './recipeSchema.js';

export type IncidentCategory = 'Corrective' | 'Evolutive' | 'Adaptive' | 'Preventive';

export const INCIDENT_SUBJECTS: Record<RecipeLocale, Record<IncidentCategory, string[]>> = {
  fr: {
    Corrective: [
      'Export comptable en échec chaque nuit',
      'Connexion SSO impossible pour les commerciaux',
      'Erreur 500 à la validation des devis',
      'Doublons de comptes après la synchronisation ERP',
      'Le calcul de la remise est faux au-delà de 10 lignes',
      'Les e-mails de confirmation ne partent plus',
      'Lenteur extrême du tableau de bord des ventes',
      'Pièces jointes introuvables sur les opportunités',
      "Le flux d'import des commandes s'arrête sans message",
      'Mauvais taux de TVA sur les factures export',
      'Champ adresse tronqué dans les PDF',
      'Rapport mensuel vide depuis la mise à jour'
    ],
    Evolutive: [
      'Ajouter un statut « En attente client » au dossier',
      'Nouveau tableau de bord pour le service après-vente',
      'Exporter les contrats au format Excel',
      'Relance automatique des devis non signés',
      'Ajouter le numéro SIRET sur la fiche compte',
      'Nouveau champ « canal d’origine » sur les demandes'
    ],
    Adaptive: [
      'Adapter les flux à la nouvelle API du transporteur',
      'Mise à jour du certificat du connecteur bancaire',
      'Migration des règles de workflow vers Flow',
      'Adaptation à la facturation électronique 2026',
      'Passage au nouveau domaine de messagerie'
    ],
    Preventive: [
      'Purge des journaux d’intégration de plus de 12 mois',
      'Revue trimestrielle des accès administrateur',
      'Test de restauration de la sauvegarde',
      'Renouvellement préventif des jetons d’API',
      'Contrôle des quotas de stockage'
    ]
  },
  en: {
    Corrective: [
      'Nightly accounting export fails',
      'Sales reps cannot log in through SSO',
      'Error 500 when approving a quote',
      'Duplicate accounts after the ERP sync',
      'Discount is wrong above ten quote lines',
      'Confirmation e-mails are no longer sent',
      'Sales dashboard takes minutes to load',
      'Attachments missing on opportunities',
      'Order import stops without an error',
      'Wrong VAT rate on export invoices',
      'Address field truncated in the PDF',
      'Monthly report empty since the upgrade'
    ],
    Evolutive: [
      'Add a "Waiting on customer" status to cases',
      'New dashboard for the after-sales team',
      'Export contracts to Excel',
      'Automatic reminder for unsigned quotes',
      'Show the company registration number on accounts',
      'New "origin channel" field on requests'
    ],
    Adaptive: [
      "Adapt the feeds to the carrier's new API",
      'Renew the bank connector certificate',
      'Migrate workflow rules to Flow',
      'Comply with 2026 e-invoicing rules',
      'Move to the new mail domain'
    ],
    Preventive: [
      'Purge integration logs older than 12 months',
      'Quarterly review of admin access',
      'Backup restore test',
      'Rotate API tokens before they expire',
      'Check storage quotas'
    ]
  }
};

export const PROJECT_NAMES: Record<RecipeLocale, string[]> = {
  fr: [
    'Refonte CRM',
    'Portail clients',
    'Service client omnicanal',
    'Gestion des contrats',
    'Espace partenaires',
    'Devis en ligne'
  ],
  en: ['CRM Rebuild', 'Customer Portal', 'Omnichannel Service', 'Contract Management', 'Partner Hub', 'Online Quoting']
};

export const DESCRIPTION_OPENERS: Record<RecipeLocale, string[]> = {
  fr: ['Signalé par', 'Remonté par', 'Constaté par'],
  en: ['Reported by', 'Raised by', 'Found by']
};
