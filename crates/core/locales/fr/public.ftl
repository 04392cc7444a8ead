# Les pages publiques des faits nouveaux, sources, citations, préoccupations,
# recommandations, acteurs et événements ; types de fiche dans la recherche.

public-kind-commitment = Engagement
public-kind-development = Fait nouveau
public-kind-source = Source
public-kind-quote = Citation
public-kind-concern = Préoccupation
public-kind-recommendation = Recommandation
public-kind-actor = Acteur
public-kind-occasion = Événement

## Informations sur une fiche.
public-fact-publisher = Éditeur
public-fact-author = Auteur
public-fact-language = Langue
public-fact-file = Fichier
public-fact-speaker = Orateur
public-fact-source = Source
public-fact-locator = Emplacement dans la source
public-fact-themes = Thèmes
public-fact-priority = Priorité
public-fact-responsible = Adressée à
public-fact-proposed-by = Recommandée par
public-fact-occasion = Événement
public-fact-response = Réponse
public-fact-kind = Type
public-fact-short-name = Nom court
public-fact-country = Code pays
public-fact-roles = Fonctions
public-fact-place = Lieu
public-fact-organiser = Organisé par

## Valeurs choisies dans une liste.
public-value-state = État
public-value-institution = Institution
public-value-person = Personne
public-value-organisation = Organisation
public-value-conference = Conférence
public-value-session = Session
public-value-speech = Discours
public-value-letter = Lettre
public-value-report = Rapport
public-value-other = Autre
public-value-supported = Acceptée
public-value-noted = Prise en note
public-value-pending = Pas encore de réponse

## Listes de fiches liées.
public-section-commitments = Engagements
public-section-concerns = Préoccupations
public-section-sources = Sources
public-section-quotes = Citations
public-section-developments = Faits nouveaux
public-section-recommendations-citing = Recommandations qui la citent
public-section-answers-commitments = Engagements qu'elle ferait avancer
public-section-answers-concerns = Préoccupations auxquelles elle répond
public-section-recommendations = Recommandations
public-section-occasions = Événements organisés
public-section-promised-here = Engagements pris ici
public-section-recommended-here = Recommandations formulées ici

public-add-quote = Ajouter une citation de cette source
public-stored-copy = La copie conservée
public-web-address = Adresse web
public-nothing-cites = Aucune fiche publiée ne la cite encore.
public-record-page = Fiche et historique
