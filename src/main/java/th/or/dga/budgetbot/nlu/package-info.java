/**
 * Thai and English message understanding: normalisation, ICU4J word segmentation, entity
 * mentions (fiscal years, committee numbers) and the OpenNLP-based intent classifier.
 */
package th.or.dga.budgetbot.nlu;
