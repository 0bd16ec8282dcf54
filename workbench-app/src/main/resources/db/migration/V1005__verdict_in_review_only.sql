-- A verdict is kept once, in review (which has every verdict since V1002); authoring screens ask review for it.
alter table change_request drop column reviewed_by;
alter table change_request drop column review_comment;
